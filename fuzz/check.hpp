// How a fuzz target reports a finding: print what differs (and the scenario, as JSON that
// `memspec run` accepts), then trap so that libFuzzer saves the input as a crash artifact.
// Targets never use assert(): it vanishes under NDEBUG, and a finding must never depend on
// the build type.
#pragma once

#include <cstdio>
#include <string>

#include "spec/interchange.hpp"
#include "spec/scenario.hpp"

namespace memspec::fuzz {

[[noreturn]] inline void fail(const std::string& what, const std::string& details = {}) {
    std::fprintf(stderr, "\n=== memspec fuzz finding ===\n%s\n", what.c_str());
    if (!details.empty()) std::fprintf(stderr, "%s\n", details.c_str());
    std::fflush(stderr);
    __builtin_trap();
}

[[noreturn]] inline void fail(const std::string& what, const Scenario& sc, const std::string& details = {}) {
    fail(what, details + "\nscenario JSON:\n" + to_json(sc));
}

// Human-readable form of a whole Result, success or error.
template <class T>
std::string describe(const Result<T>& r) {
    return r.ok() ? to_json(r.value(), 1) : to_json(r.error(), 1);
}

}  // namespace memspec::fuzz
