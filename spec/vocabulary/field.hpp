// BabyBear, the 31-bit prime field every OpenVM value lives in (R1).
// p = 15 * 2^27 + 1 = 2013265921. Elements are kept in canonical form [0, p).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>

namespace memspec {

struct BabyBear {
    static constexpr std::uint32_t P = 2013265921u;

    std::uint32_t v = 0;  // canonical representative, always < P

    constexpr BabyBear() = default;

    // Only for values already known to be canonical; parsing goes through from_u64.
    static constexpr BabyBear from_canonical(std::uint32_t x) {
        BabyBear r;
        r.v = x;
        return r;
    }
    // R1: a value >= p is not a field element; parsing rejects it rather than reducing it.
    static constexpr std::optional<BabyBear> from_u64(std::uint64_t x) {
        if (x >= P) return std::nullopt;
        return from_canonical(static_cast<std::uint32_t>(x));
    }
    // Reduction, for arithmetic on integers that are known to mean a residue (e.g. -1).
    static constexpr BabyBear reduce(std::uint64_t x) { return from_canonical(static_cast<std::uint32_t>(x % P)); }
    static constexpr BabyBear from_i64(std::int64_t x) {
        std::int64_t m = x % static_cast<std::int64_t>(P);
        if (m < 0) m += P;
        return from_canonical(static_cast<std::uint32_t>(m));
    }

    constexpr friend BabyBear operator+(BabyBear a, BabyBear b) {
        std::uint32_t s = a.v + b.v;  // < 2^32 since both < 2^31
        return from_canonical(s >= P ? s - P : s);
    }
    constexpr friend BabyBear operator-(BabyBear a, BabyBear b) {
        return from_canonical(a.v >= b.v ? a.v - b.v : a.v + P - b.v);
    }
    constexpr friend BabyBear operator-(BabyBear a) { return BabyBear{} - a; }
    constexpr friend BabyBear operator*(BabyBear a, BabyBear b) {
        return from_canonical(static_cast<std::uint32_t>((std::uint64_t{a.v} * b.v) % P));
    }
    constexpr BabyBear& operator+=(BabyBear o) { return *this = *this + o; }
    constexpr BabyBear& operator-=(BabyBear o) { return *this = *this - o; }
    constexpr BabyBear& operator*=(BabyBear o) { return *this = *this * o; }

    constexpr BabyBear pow(std::uint64_t e) const {
        BabyBear base = *this, acc = from_canonical(1);
        while (e) {
            if (e & 1) acc *= base;
            base *= base;
            e >>= 1;
        }
        return acc;
    }
    // Fermat inverse; inverse(0) is defined as 0 so that IsZero-style witnesses never trap.
    constexpr BabyBear inverse() const { return pow(P - 2); }

    constexpr bool is_zero() const { return v == 0; }
    constexpr friend bool operator==(BabyBear, BabyBear) = default;
    constexpr friend auto operator<=>(BabyBear a, BabyBear b) { return a.v <=> b.v; }
};

}  // namespace memspec
