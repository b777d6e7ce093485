// What every example shares: run a scenario on memspec's fast engine and print values.
// Only the installed package's headers are used (<prefix>/include on the include path).
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "impl/engine.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace example {

// Runs `scenario` (validated, every op stepped, finalized when it says so) and keeps every record;
// an error is printed and ends the program, since an example has nothing sensible to do then.
inline memspec::RunResult run(const memspec::Scenario& scenario) {
    auto result = memspec::run_to_result(memspec::impl::make_engine, scenario);
    if (!result) {
        std::cerr << "error: " << result.error().message << "\n";
        std::exit(1);
    }
    return std::move(*result);
}

inline std::string join(const std::vector<memspec::BabyBear>& values) {
    std::string s;
    for (const auto& v : values) s += (s.empty() ? "" : " ") + std::to_string(v.v);
    return s;
}

}  // namespace example
