// What an implementation under test supports, and which vector tests fall inside it (R245): its
// profiles, the access sizes it handles, whether it reports errors, and the flags it takes or
// leaves. A test outside the scope is skipped with the reason, never run and never failed, so a
// partial implementation can gate its CI on exactly what it claims, and the report still shows
// what it has not claimed.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include "conform/vector_file.hpp"

namespace memspec::conform {

struct Scope {
    std::optional<std::set<std::string>> profiles;        // absent: every profile
    std::optional<std::set<std::size_t>> access_sizes;    // absent: every size (cells per read or write)
    bool reports_errors = true;                           // false: tests whose result is `invalid` are skipped
    std::optional<std::set<std::string>> only_flags;      // absent: every flag; present: a test needs one of them
    std::set<std::string> skip_flags;                     // a test carrying one of them is skipped
};

// The profile a test runs under: its scenario's "profile" when it names one, else its file's.
std::string test_profile(const VectorFile& file, const VectorTest& test);

// Nothing when the test is inside the scope; otherwise why it is not, in one line
// ("access of 4 cells; the implementation supports 1"), for the report.
std::optional<std::string> out_of_scope(const VectorFile& file, const VectorTest& test, const Scope& scope);

}  // namespace memspec::conform
