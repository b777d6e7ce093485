#include "conform/capabilities.hpp"

#include <fstream>
#include <sstream>

namespace memspec::conform {

namespace {

std::optional<std::set<std::string>> strings(const Json& v, const std::string& key, std::string& error) {
    if (!v.is_array()) {
        error = "\"" + key + "\" must be an array of strings";
        return std::nullopt;
    }
    std::set<std::string> out;
    for (const auto& s : v) {
        if (!s.is_string() || s.get<std::string>().empty()) {
            error = "\"" + key + "\" must be an array of non-empty strings";
            return std::nullopt;
        }
        out.insert(s.get<std::string>());
    }
    return out;
}

}  // namespace

std::variant<Capabilities, LoadError> parse_capabilities(std::string_view text, const std::string& name) {
    auto fail = [&](const std::string& why) { return LoadError{name + ": " + why}; };
    Json j;
    try {
        j = Json::parse(text);
    } catch (const std::exception& e) {
        return fail(std::string("not JSON: ") + e.what());
    }
    if (!j.is_object()) return fail("a capabilities file is a JSON object");
    Capabilities caps;
    std::string error;
    for (const auto& [key, v] : j.items()) {
        if (key == "profiles") {
            auto s = strings(v, key, error);
            if (!s) return fail(error);
            caps.scope.profiles = std::move(*s);
        } else if (key == "access_sizes") {
            if (!v.is_array() || v.empty()) return fail("\"access_sizes\" must be a non-empty array of positive integers");
            std::set<std::size_t> sizes;
            for (const auto& n : v) {
                if (!n.is_number_unsigned() || n.get<std::uint64_t>() == 0)
                    return fail("\"access_sizes\" must be a non-empty array of positive integers");
                sizes.insert(n.get<std::size_t>());
            }
            caps.scope.access_sizes = std::move(sizes);
        } else if (key == "reports_errors") {
            if (!v.is_boolean()) return fail("\"reports_errors\" must be true or false");
            caps.scope.reports_errors = v.get<bool>();
        } else if (key == "only_flags") {
            auto s = strings(v, key, error);
            if (!s) return fail(error);
            caps.scope.only_flags = std::move(*s);
        } else if (key == "skip_flags") {
            auto s = strings(v, key, error);
            if (!s) return fail(error);
            caps.scope.skip_flags = std::move(*s);
        } else if (key == "batch") {
            if (!v.is_boolean()) return fail("\"batch\" must be true or false");
            caps.batch = v.get<bool>();
        } else if (key == "$schema" || key == "comment") {
            if (!v.is_string()) return fail("\"" + key + "\" must be a string");
        } else {
            return fail("unknown key \"" + key + "\" (known: profiles, access_sizes, reports_errors, only_flags, skip_flags, batch, comment)");
        }
    }
    return caps;
}

std::variant<Capabilities, LoadError> load_capabilities(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return LoadError{path + ": cannot be opened", true};
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return LoadError{path + ": read failed", true};
    return parse_capabilities(ss.str(), path);
}

}  // namespace memspec::conform
