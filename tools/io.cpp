#include "tools/io.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "spec/interchange.hpp"
#include "tools/command.hpp"

namespace memspec::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

std::optional<std::string> read_input(const std::string& path) {
    std::ostringstream ss;
    if (path == "-") {
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::nullopt;
    ss << f.rdbuf();
    return ss.str();
}

Result<Scenario> load_scenario(const std::string& path) {
    auto text = read_input(path);
    if (!text) return make_error(ErrorKind::ParseError, "cannot read scenario file '" + path + "'");
    return parse_scenario(*text);
}

int print_error(const MemoryError& e) {
    std::cout << to_json(e) << std::endl;
    return EXIT_BAD_INPUT;
}

}  // namespace memspec::cli
