// Random scenarios for `memspec diff` (R134): small, reproducible from (seed, index) on any
// platform (own generator, no std distributions, whose outputs the standard leaves open), under one
// profile, and biased to where implementations go wrong — block boundaries, chains of splits,
// partial chunks, the clock limit — with errors at a steady rate: bad ops (every check of R27),
// out-of-range values and bad setups (R3, R3a, R13, R15, R26). Under openvm-v2.0: aligned 4-cell
// accesses over its address-space table, near each small space's end and within 8-cell chunks,
// with every check of R217, the clock of R215 and the setups R213, R214 and R221 refuse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>

#include "spec/vocabulary/scenario.hpp"

namespace memspec::conform {

// xoshiro256** seeded through splitmix64.
class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n);  // uniform in [0, n); n > 0
    bool one_in(std::uint64_t n) { return below(n) == 0; }
    template <class T, std::size_t N>
    T pick(const T (&items)[N]) {
        return items[below(N)];
    }

private:
    std::uint64_t s_[4];
};

// Scenario number `index` of `seed`: the same pair gives the same scenario whatever the count.
// Precondition: the profile's registry entry has a generator hook (ProfileEntry::random_config);
// `memspec diff` offers only those profiles (R210).
Scenario random_scenario(std::uint64_t seed, std::uint64_t index, Profile profile);

// R245: what `memspec diff` generates for an implementation with a declared scope: the scenario
// with every read or write of a size outside `access_sizes` left out (an empty set keeps all).
Scenario restrict_to_access_sizes(Scenario scenario, const std::set<std::size_t>& access_sizes);

}  // namespace memspec::conform
