// Small helpers for unit tests: scenarios from JSON text, field vectors from integers.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>
#include <vector>

#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::testing {

inline std::vector<BabyBear> bb(std::initializer_list<std::uint32_t> xs) {
    std::vector<BabyBear> v;
    for (auto x : xs) v.push_back(BabyBear::from_canonical(x));
    return v;
}

// Parses a scenario written as JSON in a test; a parse failure fails the test loudly.
inline Scenario scenario(std::string_view json) {
    auto sc = parse_scenario(json);
    EXPECT_TRUE(sc.ok()) << (sc.ok() ? "" : sc.error().message);
    return sc.ok() ? *sc : Scenario{};
}

inline AccessAdapterRecord split_rec(std::uint32_t n, std::uint32_t as, std::uint32_t ptr, std::uint32_t ts,
                                 std::vector<BabyBear> data) {
    return {n, AdapterKind::Split, as, ptr, ts, ts, std::move(data)};
}
inline AccessAdapterRecord merge_rec(std::uint32_t n, std::uint32_t as, std::uint32_t ptr, std::uint32_t left_ts,
                                 std::uint32_t right_ts, std::vector<BabyBear> data) {
    return {n, AdapterKind::Merge, as, ptr, left_ts, right_ts, std::move(data)};
}

}  // namespace memspec::testing
