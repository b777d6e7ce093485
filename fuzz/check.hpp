// How a fuzz target reports a finding: print what differs (and the scenario, as JSON that
// `memspec run` accepts), then trap so that libFuzzer saves the input as a crash artifact.
// Targets never use assert(): it vanishes under NDEBUG, and a finding must never depend on
// the build type.
#pragma once

#include <cstdio>
#include <string>

#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/scenario.hpp"

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

// A whole Result, success or error, as one line of interchange JSON.
template <class T>
std::string describe(const Result<T>& r) {
    return r.ok() ? to_json(r.value()) : to_json(r.error());
}

// Names the first field in which two Results differ, so that a report is readable without
// diffing two long JSON lines.
inline std::string first_difference(const Result<RunResult>& a, const Result<RunResult>& b) {
    if (a.ok() != b.ok()) return a.ok() ? "first succeeded, second failed" : "first failed, second succeeded";
    if (!a.ok()) {
        if (a.error().kind != b.error().kind) return "error kind";
        if (a.error().op_index != b.error().op_index) return "error op_index";
        return "error message";
    }
    const RunResult &x = a.value(), &y = b.value();
    auto first = [](const auto& u, const auto& v, const std::string& name) -> std::string {
        for (std::size_t i = 0; i < u.size() && i < v.size(); ++i)
            if (!(u[i] == v[i])) return name + "[" + std::to_string(i) + "]";
        if (u.size() != v.size()) return name + " length " + std::to_string(u.size()) + " vs " + std::to_string(v.size());
        return {};
    };
    if (auto d = first(x.reads, y.reads, "reads"); !d.empty()) return d;
    if (auto d = first(x.records, y.records, "records"); !d.empty()) return d;
    if (auto d = first(x.adapter_records, y.adapter_records, "adapter_records"); !d.empty()) return d;
    if (x.final_memory.has_value() != y.final_memory.has_value()) return "final_memory present in one only";
    if (x.final_memory) {
        if (x.final_memory->chunk != y.final_memory->chunk) return "final_memory chunk";
        if (auto d = first(x.final_memory->blocks, y.final_memory->blocks, "final_memory"); !d.empty()) return d;
    }
    if (x.final_timestamp != y.final_timestamp) return "final_timestamp";
    return "nothing";
}

}  // namespace memspec::fuzz
