// A capabilities file (R245, R246): what an implementation under test declares it supports, read
// strictly (an unknown key or a wrong type is an error naming it, since a misspelt "acces_sizes"
// would silently widen the scope and fail a CI job for a test it never claimed). Format:
// spec/schemas/capabilities.schema.json, documented in conform/README.md.
#pragma once

#include <string>
#include <variant>

#include "conform/scope.hpp"
#include "conform/vector_file.hpp"

namespace memspec::conform {

struct Capabilities {
    Scope scope;
    bool batch = false;  // R246: the implementation speaks the batch protocol
};

std::variant<Capabilities, LoadError> load_capabilities(const std::string& path);
std::variant<Capabilities, LoadError> parse_capabilities(std::string_view text, const std::string& name);

}  // namespace memspec::conform
