#include "conform/scope.hpp"

#include <algorithm>

namespace memspec::conform {

namespace {

// The scenario as JSON, when it is one; a test of malformed input has no sizes or profile to read,
// and stays in scope on those counts (rejecting bad input is every implementation's duty).
std::optional<Json> parsed(const VectorTest& test) {
    if (test.kind == VectorTest::Kind::Trace) return std::nullopt;
    Json j = Json::parse(test.input, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    return j;
}

std::string list(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
    return out;
}

std::string list(const std::set<std::size_t>& s) {
    std::string out;
    for (auto x : s) out += (out.empty() ? "" : ", ") + std::to_string(x);
    return out;
}

}  // namespace

std::string test_profile(const VectorFile& file, const VectorTest& test) {
    if (auto j = parsed(test); j && j->contains("profile") && (*j)["profile"].is_string()) return (*j)["profile"].get<std::string>();
    return file.profile;
}

std::optional<std::string> out_of_scope(const VectorFile& file, const VectorTest& test, const Scope& scope) {
    // R245: the checks in a fixed order, so that a test's reason is the same run after run.
    for (const auto& flag : test.flags)
        if (scope.skip_flags.count(flag)) return "flag " + flag + " is skipped";
    if (scope.only_flags &&
        std::none_of(test.flags.begin(), test.flags.end(), [&](const std::string& f) { return scope.only_flags->count(f) > 0; }))
        return "no flag among the selected ones (" + list(*scope.only_flags) + ")";
    if (scope.profiles) {
        const std::string p = test_profile(file, test);
        if (!scope.profiles->count(p)) return "profile " + p + " is not supported (" + list(*scope.profiles) + ")";
    }
    if (!scope.reports_errors && test.result == Expectation::Invalid) return "expects an error; the implementation reports none";
    if (scope.access_sizes) {
        if (auto j = parsed(test); j && j->contains("ops") && (*j)["ops"].is_array()) {
            for (const auto& op : (*j)["ops"]) {
                if (!op.is_object()) continue;
                std::optional<std::size_t> size;
                if (op.contains("len") && op["len"].is_number_unsigned()) size = op["len"].get<std::size_t>();
                else if (op.contains("data") && op["data"].is_array()) size = op["data"].size();
                if (size && !scope.access_sizes->count(*size))
                    return "access of " + std::to_string(*size) + " cell" + (*size == 1 ? "" : "s") + "; supported sizes: " +
                           list(*scope.access_sizes);
            }
        }
    }
    return std::nullopt;
}

}  // namespace memspec::conform
