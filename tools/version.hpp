// memspec's version: the project version of CMakeLists.txt and, when the build was made from a git
// checkout, `git describe --always --dirty --tags` at build time (cmake/MemspecVersion.cmake writes
// both). `memspec --version` prints them, and every JSON report (conform, diff, prove) carries them
// under "memspec" (R242); a run's result does not, its bytes being the interchange format's.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace memspec::cli {

std::string_view project_version();  // "0.1.0"
std::string_view git_describe();      // "v0.1.0-12-g3cd69d8-dirty", or "" when unknown

// "memspec 0.1.0 (git v0.1.0-12-g3cd69d8-dirty)", or without the parenthesis.
std::string version_line();

// {"version": "0.1.0", "git": "…"}, "git" only when known.
nlohmann::ordered_json version_json();

}  // namespace memspec::cli
