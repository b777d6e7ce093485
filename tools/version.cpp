#include "tools/version.hpp"

namespace memspec::cli {

std::string version_line() {
    std::string line = "memspec " + std::string(project_version());
    if (!git_describe().empty()) line += " (git " + std::string(git_describe()) + ")";
    return line;
}

nlohmann::ordered_json version_json() {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["version"] = std::string(project_version());
    if (!git_describe().empty()) j["git"] = std::string(git_describe());
    return j;
}

}  // namespace memspec::cli
