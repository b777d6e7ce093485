// Uses the installed package: parses a scenario, runs both engines, compares.
#include <iostream>

#include "impl/run.hpp"
#include "spec/interchange/interchange.hpp"
#include "oracle/run.hpp"

int main() {
    auto sc = memspec::parse_scenario(R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2,3,4]},
                                                 {"op":"read","as":1,"ptr":1,"len":2}],"finalize_chunk":1})");
    if (!sc) return 1;
    auto a = memspec::oracle::run(*sc);
    auto b = memspec::impl::run(*sc);
    if (!a || !b || !(*a == *b)) return 1;
    std::cout << memspec::to_json(*a) << "\n";
    return a->reads.at(0).at(1).v == 3 ? 0 : 1;
}
